"""Root field resolvers, one concern per module."""
