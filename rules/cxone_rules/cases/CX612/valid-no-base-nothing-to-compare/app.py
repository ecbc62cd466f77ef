print('no manifest here')
