/* The cheapest possible field scan of a CSV file: the baseline `quota` is compared with (bench/run.sh).
 *
 *   cc -O2 -pthread -o scan bench/scan.c && ./scan FILE [THREADS]
 *
 * THREADS workers (default 2, the machine of spec 7) take 8 MiB chunks in turn, read each with pread into
 * their own reused buffer and look at every byte for ',', '\n' and '"'. The counts are printed, so the loop
 * cannot be optimised away: "lines N fields N quotes N bytes N".
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { CHUNK = 8 << 20 };

static int fd;
static off_t size;
static atomic_llong next_chunk;

struct counts { uint64_t lines, commas, quotes, bytes; };

static void *worker(void *arg) {
    struct counts *c = arg;
    unsigned char *buf = malloc(CHUNK);
    if (!buf) { perror("malloc"); exit(1); }
    for (;;) {
        off_t at = (off_t)atomic_fetch_add(&next_chunk, 1) * CHUNK;
        if (at >= size) break;
        size_t want = size - at < CHUNK ? (size_t)(size - at) : CHUNK, got = 0;
        while (got < want) {
            ssize_t n = pread(fd, buf + got, want - got, at + got);
            if (n <= 0) { perror("pread"); exit(1); }
            got += (size_t)n;
        }
        uint64_t l = 0, f = 0, q = 0;
        for (size_t i = 0; i < got; i++) {
            unsigned char b = buf[i];
            l += b == '\n';
            f += b == ',';
            q += b == '"';
        }
        c->lines += l; c->commas += f; c->quotes += q; c->bytes += got;
    }
    free(buf);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE [THREADS]\n", argv[0]); return 2; }
    int threads = argc > 2 ? atoi(argv[2]) : 2;
    if (threads < 1 || threads > 64) { fprintf(stderr, "scan: THREADS must be 1..64\n"); return 2; }
    fd = open(argv[1], O_RDONLY);
    if (fd < 0) { perror(argv[1]); return 1; }
    struct stat st;
    if (fstat(fd, &st) != 0) { perror(argv[1]); return 1; }
    size = st.st_size;
    pthread_t tid[64];
    struct counts c[64];
    memset(c, 0, sizeof c);
    for (int t = 0; t < threads; t++) pthread_create(&tid[t], NULL, worker, &c[t]);
    struct counts total = {0, 0, 0, 0};
    for (int t = 0; t < threads; t++) {
        pthread_join(tid[t], NULL);
        total.lines += c[t].lines; total.commas += c[t].commas; total.quotes += c[t].quotes; total.bytes += c[t].bytes;
    }
    printf("lines %llu fields %llu quotes %llu bytes %llu\n", (unsigned long long)total.lines,
           (unsigned long long)(total.commas + total.lines), (unsigned long long)total.quotes,
           (unsigned long long)total.bytes);
    return 0;
}
