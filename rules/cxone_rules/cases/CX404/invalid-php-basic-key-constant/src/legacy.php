<?php
define('AUTH_KEY', 'QXBwQFZlbmRvcjo0NjAwMTIz');  // expect: CX404
