namespace WarmRestarts.Specs;

/// <summary>Which library's names and conventions a spec uses.</summary>
public enum SpecOrigin
{
    /// <summary>This library's own schedules (<c>warm_restarts(...)</c>, <c>cosine_annealing(...)</c>, …): absolute rates.</summary>
    Native = 0,

    /// <summary>PyTorch <c>torch.optim.lr_scheduler</c> (<c>torch.X</c>): rates follow each group's base rate; t counts <c>step()</c> calls (epochs).</summary>
    Torch = 1,

    /// <summary>timm <c>timm.scheduler</c> (<c>timm.X</c>): rates follow each group's base rate; t is the epoch (or update with <c>t_in_epochs=False</c>).</summary>
    Timm = 2,

    /// <summary>Keras <c>keras.optimizers.schedules</c> (<c>keras.X</c>): absolute rates; t counts updates from 0.</summary>
    Keras = 3,

    /// <summary>optax (<c>optax.X</c>): absolute rates; t counts updates from 0.</summary>
    Optax = 4,
}
