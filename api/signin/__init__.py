"""Sign-in: who a request's bearer token says is asking.

::

    claims.py   an identity provider's verified claims -> a Viewer (pure: the role mapping)
    oidc.py     OpenID Connect: discovery, the provider's published keys, token verification
    viewer.py   the request's Authorization header -> a Viewer (development tokens or OIDC)
"""
