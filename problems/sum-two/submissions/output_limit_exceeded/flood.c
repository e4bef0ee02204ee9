#include <stdio.h>
#include <string.h>

int main(void) {
    static char block[1 << 16];
    memset(block, '7', sizeof block);
    for (;;) fwrite(block, 1, sizeof block, stdout);
}
