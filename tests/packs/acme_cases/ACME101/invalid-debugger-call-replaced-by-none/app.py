import pdb


def handler() -> None:
    pdb.set_trace()  # expect: ACME101
