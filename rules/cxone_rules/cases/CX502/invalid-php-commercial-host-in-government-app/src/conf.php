<?php
const ISSUER = 'https://cxone.niceincontact.com';  // expect: CX502
