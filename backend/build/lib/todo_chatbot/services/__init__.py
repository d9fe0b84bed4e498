"""Business logic, one module per entity. Routes, MCP tools and the offline
interpreter all call these; nothing re-implements them."""


class NotFound(Exception):
    """The thing does not exist for this user (another user's thing is not found either)."""

    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"{what} {ident} not found")
        self.what = what
        self.ident = ident
