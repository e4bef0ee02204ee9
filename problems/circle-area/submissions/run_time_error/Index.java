import java.util.Scanner;

public class Index {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = in.nextInt();
        double[] radii = new double[n];
        for (int i = 0; i <= n; i++) radii[i] = in.nextDouble(); // off by one
    }
}
