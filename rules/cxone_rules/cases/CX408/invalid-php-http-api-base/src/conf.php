<?php
const BASE = 'http://api-na1.niceincontact.com';  // expect: CX408
