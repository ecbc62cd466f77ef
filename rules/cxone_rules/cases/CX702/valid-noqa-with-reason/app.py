x = 1  # noqa: CX401 -- test dummy, not a real key
