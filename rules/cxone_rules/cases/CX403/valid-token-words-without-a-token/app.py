import tokenize

def words(readline):
    for token in tokenize.generate_tokens(readline):
        print(token)
token_type = "Bearer"
access_token = ""
