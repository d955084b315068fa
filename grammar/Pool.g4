grammar Pool;
file : EOF ;
WS : [ \t\r\n]+ -> skip ;
