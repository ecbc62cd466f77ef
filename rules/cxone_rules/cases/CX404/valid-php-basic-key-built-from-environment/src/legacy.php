<?php
$authKey = base64_encode(getenv('CXONE_APP') . '@' . getenv('CXONE_VENDOR') . ':' . getenv('CXONE_BU'));
