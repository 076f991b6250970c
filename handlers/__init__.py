"""Web routes and channel adapters: the edges where SDKs live."""
