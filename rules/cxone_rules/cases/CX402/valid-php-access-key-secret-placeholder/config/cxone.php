<?php
return [
    'access_key_secret' => '<your access key secret>',
];
