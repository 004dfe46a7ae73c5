"""The staff workspace: pages for hub staff and force officers, signed in through the identity
provider (OpenID Connect authorisation code flow with PKCE), in MOJ Frontend (docs/WEB.md).

``signin.py`` runs the flow and keeps the sign-in in a sealed session cookie (no server-side
session: any worker process serves any page); ``routes.py`` serves the pages; each page calls
the service layer as the signed-in viewer.
"""
