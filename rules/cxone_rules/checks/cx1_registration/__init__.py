"""CX1xx: the registration, as the manifest states it (NICE's registration form and App
Registration API): business unit, contacts, tenancy and environments, auth method, app type,
origins, redirects, logouts, JWKS endpoint and scope.

Every rule checks each app of each manifest found (see `manifest/load.py`) and reports on the
line of the offending value, or on the app's table when a required key is missing. Without a
manifest the rules report nothing and the run lists them as skipped.
"""
