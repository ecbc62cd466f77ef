import requests

def agents(base):
    headers = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGgubmExLm5pY2UtaW5jb250YWN0LmNvbSIsInN1YiI6InVzZXI6MTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1IiwidGVuYW50SWQiOiIxMWViMDM1OC1hYWFhLWJiYmItY2NjYy0wMjQyYWMxMTAwMDMiLCJpY0JVSWQiOjQ2MDAxMjMsImV4cCI6MTcwMDAwMDAwMCwiaWF0IjoxNjk5OTk2NDAwfQ.VfkJJM655c2LixJqAkaty5kH_3rOQ76mRrjXcqmpyyU"}  # expect: CX403
    return requests.get(base + "/agents", headers=headers)
