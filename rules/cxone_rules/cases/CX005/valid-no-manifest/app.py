print('no manifest: nothing to check')
