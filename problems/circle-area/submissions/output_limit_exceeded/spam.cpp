#include <cstdio>
#include <string>

int main() {
    std::string line(1 << 16, '1');
    for (;;) std::fwrite(line.data(), 1, line.size(), stdout);
}
