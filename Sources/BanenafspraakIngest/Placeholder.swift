// Module BanenafspraakIngest; contents follow.
