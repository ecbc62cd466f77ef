<?php
$base = getenv('CXONE_API_ENDPOINT') ?: 'https://api-na1.niceincontact.com';
