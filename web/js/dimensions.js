// Sizes the drawing and the editing share, kept here so views do not import constants from
// each other.

/** Distance from a box side to its handle, metres. */
export const HANDLE_GAP = 2;

/** Sill height drawn when a window does not set one (every profile's default, RuleProfile). */
export const DEFAULT_SILL = 0.9;
