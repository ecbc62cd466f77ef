<?php
class InContact
{
    const AUTH_URL = 'https://api.incontact.com/InContactAuthorizationServer/Token';  // expect: CX310
}
