<?php
return [
    'access_key_id' => 'ak-7c1f',
    'access_key_secret' => 'GzMbzkJ+jjxEGGNaBIZJj3X7gSZp862PQVvnLiP6IT68hEPs7jkzJJUTQRV6BqY=',  // expect: CX402
];
