<?php
class Endpoints
{
    const API = 'https://api-c32.incontact.com/inContactAPI/services/v23.0';  // expect: CX503
}
