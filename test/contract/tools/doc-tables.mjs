// The discord-api-docs field tables the contract suite holds the Discord emulator's payloads against.
const R = 'developers/interactions/receiving-and-responding.mdx';
const M = 'developers/resources/message.mdx';
const C = 'developers/resources/channel.mdx';
const G = 'developers/resources/guild.mdx';
const GE = 'developers/events/gateway-events.mdx';

export const DOC_TABLES = [
  `${R}#interaction-object-interaction-structure`,
  `${R}#interaction-object-application-command-data-structure`,
  `${R}#interaction-object-message-component-data-structure`,
  `${R}#interaction-object-modal-submit-data-structure`,
  `${R}#interaction-object-resolved-data-structure`,
  `${R}#interaction-object-application-command-interaction-data-option-structure`,
  `${M}#message-object-message-structure`,
  `${M}#message-interaction-metadata-object-application-command-interaction-metadata-structure`,
  `${M}#message-interaction-metadata-object-message-component-interaction-metadata-structure`,
  `${M}#message-interaction-metadata-object-modal-submit-interaction-metadata-structure`,
  `${M}#reaction-object-reaction-structure`,
  `${M}#reaction-count-details-object-reaction-count-details-structure`,
  `${M}#embed-object-embed-structure`,
  `${M}#embed-object-embed-image-structure`,
  `${M}#embed-object-embed-author-structure`,
  `${M}#embed-object-embed-footer-structure`,
  `${M}#embed-object-embed-field-structure`,
  `${M}#attachment-object-attachment-structure`,
  `${C}#channel-object-channel-structure`,
  `${C}#overwrite-object-overwrite-structure`,
  `${C}#thread-metadata-object-thread-metadata-structure`,
  `${C}#thread-member-object-thread-member-structure`,
  `${G}#guild-object-guild-structure`,
  `${G}#guild-member-object-guild-member-structure`,
  'developers/resources/user.mdx#user-object-user-structure',
  'developers/topics/permissions.mdx#role-object-role-structure',
  'developers/topics/permissions.mdx#role-object-role-tags-structure',
  'developers/resources/emoji.mdx#emoji-object-emoji-structure',
  'developers/resources/application.mdx#application-object-application-structure',
  `${GE}#ready-ready-event-fields`,
  `${GE}#guild-create-guild-create-extra-fields`,
  `${GE}#message-create-message-create-extra-fields`,
  `${GE}#message-delete-message-delete-event-fields`,
  `${GE}#message-reaction-add-message-reaction-add-event-fields`,
  `${GE}#message-reaction-remove-message-reaction-remove-event-fields`,
  `${GE}#guild-members-chunk-guild-members-chunk-event-fields`,
  `${GE}#thread-member-update-thread-member-update-event-extra-fields`,
];
