/** Version of the event contract. Bumped only on a breaking change; carried by every bus message. */
export const CONTRACT_VERSION = 1 as const;
