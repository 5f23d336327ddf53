// The API's base address. Empty: the same origin, as the LocalHost serves both. A deployment to
// Azure writes the Function App's address here before packaging the site (see azure.yaml).
export const apiBase = '';
