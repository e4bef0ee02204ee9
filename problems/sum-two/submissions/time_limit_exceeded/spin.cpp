#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    volatile long long counter = 0;
    for (;;) counter = counter + 1;  // volatile: the loop cannot be optimised away
}
