<?php
$password = '<YOUR PASSWORD>';
