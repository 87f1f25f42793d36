namespace Research.Specs;

// Spellings in experiments.yaml are the snake_case of these names (cross_entropy, leaky_relu, sign_sine).

public enum Profile { Ci, Full }

public enum DatasetKind { Function, Mnist }

/// <summary>sinc: sin(5πx)/(5πx) with value 1 at x = 0; sign_sine: sgn(sin(5πx)).</summary>
public enum TargetFunction { Sinc, SignSine }

/// <summary>true: MNIST's own training labels; random: a seeded permutation of them; uniform: each drawn
/// independently and uniformly from 0–9 by a seeded generator, as the report's code did (§3.1).</summary>
public enum LabelKind { True, Random, Uniform }

/// <summary>A step's gradient norm. whole: the L2 norm of all parameter gradients as one vector; tensor_mean: the
/// mean of each parameter tensor's Frobenius norm, as §3.3.2's code computed it (HW1.3_FlatnessVSGenP2.ipynb cell 4).</summary>
public enum GradientNormKind { Whole, TensorMean }

/// <summary>What §3.3.2's "sensitivity" measures. input_jacobian: Novak et al.'s ‖∂softmax(f(x))/∂x‖_F on the test set
/// after training; parameter_gradient: the mean over all training steps of the recorded gradient norm, as the code did;
/// loss_input_gradient: ‖∂L/∂x‖ per test sample after training, averaged.</summary>
public enum SensitivityKind { InputJacobian, ParameterGradient, LossInputGradient }

/// <summary>How a run orders its training batches each epoch.</summary>
public enum ShuffleKind
{
    /// <summary>A generator of the run's own, seeded with its seed (the default: independent of anything else drawn).</summary>
    Own,
    /// <summary>
    /// As PyTorch 1.13's <c>DataLoader(shuffle=True)</c> does, from libtorch's global generator: per epoch one draw
    /// for the loader's base seed, one for the sampler's seed, then randperm on a generator from that seed; and one
    /// draw per test evaluation (a non-shuffled loader's base seed). See <see cref="Research.Torch.DataLoaderReplay"/>.
    /// </summary>
    DataLoader,
}

public enum LossKind { Mse, CrossEntropy }

public enum OptimizerKind { Adam, Sgd }

public enum ActivationKind { Relu, LeakyRelu, Selu, Tanh, Sigmoid }

/// <summary>How a run's seed initialises its model.</summary>
public enum SeedingKind
{
    /// <summary>The report's code: manual_seed(seed) once, then every model of the experiment built in the order listed, so each run first builds (and discards) the models listed before its own.</summary>
    OneStream,
}
