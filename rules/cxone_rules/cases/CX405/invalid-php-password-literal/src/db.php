<?php
$password = 'Winter2024!Lab#cx';  // expect: CX405
