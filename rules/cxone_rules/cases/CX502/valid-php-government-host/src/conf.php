<?php
const ISSUER = 'https://cxone-gov.niceincontact.com';
