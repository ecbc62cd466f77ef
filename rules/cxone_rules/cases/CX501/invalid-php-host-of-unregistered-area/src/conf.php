<?php
const ISSUER = 'https://cxone.niceincontact.com';
const USERHUB = 'https://au1.nice-incontact.com';  // expect: CX501
