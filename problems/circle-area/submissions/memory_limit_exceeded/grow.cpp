#include <vector>
#include <iostream>

int main() {
    std::vector<long long> values;
    for (long long i = 0;; i++) values.push_back(i);  // grows without bound
    std::cout << values.size() << '\n';
}
