def create_roles(sender, **kwargs):
    """After migrate: the four role groups exist with their permissions."""
    from resultat.accounts.services import ensure_roles

    ensure_roles()
