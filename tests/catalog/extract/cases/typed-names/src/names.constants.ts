export const IMPORTED_EVENT = 'names/imported';
export const NAMESPACED_EVENT = `names/namespaced`;
