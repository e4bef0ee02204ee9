#include <algorithm>
#include <iostream>
#include <numeric>
#include <vector>

// Try permutations in lexicographic order until one is a derangement:
// fine for n = 3, hopeless for n = 100 (p[0] stays 1 for (n-1)! steps).
int main() {
    int n;
    std::cin >> n;
    std::vector<int> p(n);
    std::iota(p.begin(), p.end(), 1);
    do {
        bool ok = true;
        for (int i = 0; i < n && ok; i++) ok = p[i] != i + 1;
        if (ok) {
            for (int i = 0; i < n; i++) std::cout << p[i] << (i + 1 == n ? '\n' : ' ');
            return 0;
        }
    } while (std::next_permutation(p.begin(), p.end()));
    std::cout << "impossible\n";
}
