def connect(host, password=None, token=None):
    pass
password_field = "pass-word-input"
PASSWORD = "password"
api_key = "yourPwd"
