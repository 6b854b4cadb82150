{#- One row per integer 0 … 16383: offsets for day and week spines (45 years of days). The cast
    keeps it an integer where dbt.generate_series computes with power() (a double on Spark). -#}
select cast(generated_number - 1 as {{ dbt.type_bigint() }}) as number_value
from ({{ dbt.generate_series(16384) }}) as series
