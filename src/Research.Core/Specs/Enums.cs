namespace Research.Specs;

// Spellings in experiments.yaml are the snake_case of these names (cross_entropy, leaky_relu, sign_sine).

public enum Profile { Ci, Full }

public enum DatasetKind { Function, Mnist }

/// <summary>sinc: sin(5πx)/(5πx) with value 1 at x = 0; sign_sine: sgn(sin(5πx)).</summary>
public enum TargetFunction { Sinc, SignSine }

/// <summary>true: MNIST's own training labels; random: a seeded permutation of them (§3.1).</summary>
public enum LabelKind { True, Random }

public enum LossKind { Mse, CrossEntropy }

public enum OptimizerKind { Adam, Sgd }

public enum ActivationKind { Relu, LeakyRelu, Selu, Tanh, Sigmoid }

/// <summary>How a run's seed initialises its model.</summary>
public enum SeedingKind
{
    /// <summary>The report's code: manual_seed(seed) once, then every model of the experiment built in the order listed, so each run first builds (and discards) the models listed before its own.</summary>
    OneStream,
}
