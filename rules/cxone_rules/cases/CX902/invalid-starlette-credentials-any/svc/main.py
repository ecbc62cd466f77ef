from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from svc import cxone
from svc.security import current_user

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # expect: CX902


@app.get("/agents")
def agents(user=Depends(current_user)):
    return cxone.list_agents()
