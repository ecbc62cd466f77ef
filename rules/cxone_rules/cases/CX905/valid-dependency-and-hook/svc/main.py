from fastapi import Depends, FastAPI

from svc import cxone
from svc.security import current_user

app = FastAPI()


@app.get("/agents")
def agents(user=Depends(current_user)):
    return cxone.list_agents()
