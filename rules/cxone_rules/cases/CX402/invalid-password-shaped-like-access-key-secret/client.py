def login(session):
    return session.post("/auth/token", data={
        "grant_type": "password",
        "username": "QWERTYUIOPASDFGHJKL",
        "password": "GzMbzkJ+jjxEGGNaBIZJj3X7gSZp862PQVvnLiP6IT68hEPs7jkzJJUTQRV6BqY=",  # expect: CX402
    })
