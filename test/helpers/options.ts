/** Every dimension of the Capitão Caverna catalog, chosen: a /generate that needs no menus. */
export const ALL_DIMENSIONS = Object.freeze({
  style: 'comic-book',
  pose: 'flexing',
  outfit: 'explorer',
  footwear: 'hiking-boots',
  prop: 'torch',
  frame: 'hero',
});
