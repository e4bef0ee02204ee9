import java.util.Scanner;

public class HugeFibonacci {
    static final long MOD = 1_000_000_007L;

    public static void main(String[] args) {
        long n = new Scanner(System.in).nextLong();
        long a = 0, b = 1; // F(k), F(k+1)
        for (int bit = 62; bit >= 0; bit--) {
            long c = a * ((2 * b - a + MOD) % MOD) % MOD;
            long d = (a * a + b * b) % MOD;
            if (((n >> bit) & 1) == 1) {
                a = d;
                b = (c + d) % MOD;
            } else {
                a = c;
                b = d;
            }
        }
        System.out.println(a);
    }
}
