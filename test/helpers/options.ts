/** Every dimension of the Capitão Caverna catalog, chosen: a /generate that needs no menus. */
export const ALL_DIMENSIONS = Object.freeze({
  style: 'comic-book',
  pose: 'flexing',
  outfit: 'explorer',
  footwear: 'hiking-boots',
  prop: 'torch',
  frame: 'hero',
});

/** Another full choice, for tests that vary one dimension from it so that no two jobs share a prompt. */
export const PIXEL_ART_DIMENSIONS = Object.freeze({
  style: 'pixel-art',
  pose: 'waving',
  outfit: 'explorer',
  footwear: 'sneakers',
  prop: 'lantern',
  frame: 'hero',
});
