/** Records of one organization and day are spread over this many hash chains (docs/audit.md). */
export const auditChains = 4;
