import tokenize

def dump(readline, password=None):
    for token in tokenize.generate_tokens(readline):
        print(token)
