<?php
const ISSUER = 'https://cxone.niceincontact.com';
