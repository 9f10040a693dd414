// Module BanenafspraakBatch; contents follow.
